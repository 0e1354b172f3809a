-- ARGV: 3 id. Withdraws a queued request, or releases it if it was granted meanwhile.
local live, count = begin()
local wasHead = redis.call('LINDEX', Q, 0) == ARGV[3]
if redis.call('LREM', Q, 1, ARGV[3]) > 0 then
  redis.call('HDEL', R, ARGV[3])
  walk(wasHead, count)
  idle()
  return { '0' }
end
redis.call('HDEL', R, ARGV[3])
if releaseHolder(ARGV[3], live[ARGV[3]], count) then
  idle()
  return { '1' }
end
return { '-1' }
