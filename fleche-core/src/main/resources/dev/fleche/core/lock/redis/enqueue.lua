-- ARGV: 3 id, 4 proc, 5 owner, 6 lease ms, 7 mode and tags json, 8 mode
local _, count, empty = begin()
-- idempotent per id: a request queued again after the server lost it may race with itself
local granted = holderReply(ARGV[3])
if granted then
  return granted
end
if redis.call('HEXISTS', R, ARGV[3]) == 1 then
  return { '0', earliest() }
end
local ok = false
if empty then
  if exclusive(ARGV[8]) then
    ok = count == 0
  else
    ok = compatible(ARGV[8], counts(), count)
  end
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
