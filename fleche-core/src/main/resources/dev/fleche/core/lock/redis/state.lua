-- Returns: last token, queue length (live requests), holder values, tags.
begin()
for _, id in ipairs(redis.call('LRANGE', Q, 0, -1)) do
  local rv = redis.call('HGET', R, id)
  if (not rv) or parseRequest(rv).exp <= NOW_MS then
    redis.call('LREM', Q, 1, id)
    redis.call('HDEL', R, id)
  end
end
local qlen = redis.call('LLEN', Q)
local holders = redis.call('HVALS', H)
local tags = redis.call('SMEMBERS', G)
idle()
return { redis.call('HGET', S, 'last') or '0', fmt(qlen), holders, tags }
