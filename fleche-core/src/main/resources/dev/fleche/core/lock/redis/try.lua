-- ARGV: 3 id, 4 proc, 5 owner, 6 lease ms, 7 mode and tags json, 8 mode, 9 fair, 10 expected version
local _, count, empty = begin()
if ARGV[9] == '1' and not empty then
  return { '0' }
end
local ok
if exclusive(ARGV[8]) then
  ok = count == 0
else
  ok = compatible(ARGV[8], counts(), count)
end
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
