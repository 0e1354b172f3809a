-- ARGV: 3 id, 4 proc, 5 owner, 6 lease ms, 7 mode and tags json, 8 mode, 9 fair, 10 expected version
begin()
if ARGV[9] == '1' and redis.call('LLEN', Q) > 0 then
  return { '0' }
end
local m, total = counts()
local ok = compatible(ARGV[8], m, total)
if ok == nil then
  local seq = currentSeq()
  if seq ~= ARGV[10] then
    return countsReply(seq)
  end
  ok = true
end
if not ok then
  return { '0' }
end
return grantTo(ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6]), ARGV[7])
