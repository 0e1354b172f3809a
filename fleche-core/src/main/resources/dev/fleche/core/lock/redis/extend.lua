-- ARGV: 3 id, 4 lease ms
begin()
local hv = redis.call('HGET', H, ARGV[3])
if not hv then
  idle()
  return { '0' }
end
local h = parseHolder(hv)
h.exp = NOW_MS + tonumber(ARGV[4])
h.leased = '1'
redis.call('HSET', H, ARGV[3], holderValue(h))
return { '1', h.tok, fmt(h.exp), fmt(h.since) }
