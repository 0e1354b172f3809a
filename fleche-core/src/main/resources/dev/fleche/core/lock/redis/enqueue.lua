-- ARGV: 3 id, 4 proc, 5 owner, 6 lease ms, 7 mode and tags json, 8 mode
begin()
local empty = redis.call('LLEN', Q) == 0
local ok = false
if empty then
  local m, total = counts()
  ok = compatible(ARGV[8], m, total)
  if ok then
    return grantTo(ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]), ARGV[7])
  end
end
redis.call('RPUSH', Q, ARGV[3])
redis.call('HSET', R, ARGV[3], fmt(NOW_MS + WATCHDOG) .. '|' .. ARGV[6] .. '|' .. ARGV[4] .. '|' .. ARGV[5] .. '|'
  .. ARGV[7])
if empty and ok == nil then
  return countsReply(currentSeq())
end
return { '0', earliest() }
