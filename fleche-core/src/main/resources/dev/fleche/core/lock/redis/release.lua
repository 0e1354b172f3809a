-- ARGV: 3 id
begin()
local released = releaseHolder(ARGV[3])
idle()
if released then
  return { '1' }
end
return { '0' }
