-- ARGV: 3 tag. Takes away the grants made with the tag; returns their ids.
local _, count = begin()
local taken = {}
local flat = redis.call('HGETALL', H)
for i = 1, #flat, 2 do
  local h = parseHolder(flat[i + 1])
  for _, tag in ipairs(cjson.decode(h.rest).g) do
    if tag == ARGV[3] then
      dropHolder(flat[i], h.rest)
      redis.call('PUBLISH', CHAN .. h.proc, 'l ' .. flat[i])
      taken[#taken + 1] = flat[i]
      break
    end
  end
end
if #taken > 0 then
  nextSeq()
  walk(true, count - #taken)
end
idle()
return taken
