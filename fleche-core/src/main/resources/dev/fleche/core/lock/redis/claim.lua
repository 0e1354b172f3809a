-- ARGV: 3 id, 4 expected version ('-1' to only look)
local _, count = begin()
local granted = holderReply(ARGV[3])
if granted then
  return granted
end
local rv = redis.call('HGET', R, ARGV[3])
if not rv then
  return { '-1' }
end
if redis.call('LINDEX', Q, 0) == ARGV[3] then
  local r = parseRequest(rv)
  if compatible(cjson.decode(r.rest).m, counts(), count) == nil then
    local seq = currentSeq()
    if seq ~= ARGV[4] then
      return countsReply(seq)
    end
    redis.call('LPOP', Q)
    redis.call('HDEL', R, ARGV[3])
    local g = grantTo(ARGV[3], r.proc, r.owner, r.lease, r.rest)
    walk(true, count + 1)
    return g
  end
end
return { '0', earliest() }
