-- ARGV: 3 id
local live, count = begin()
local released, left, empty = releaseHolder(ARGV[3], live[ARGV[3]], count)
if released then
  if left == 0 and empty then
    redis.call('EXPIRE', S, IDLE_TTL)
  end
  return { '1' }
end
idle()
return { '0' }
