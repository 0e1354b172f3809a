-- ARGV: 3 how many of the ids to renew (the rest are only checked), 4.. ids of this process.
-- Renews holders without an explicit lease and queued requests; returns the ids the server lost.
begin()
local renew = tonumber(ARGV[3])
local missing = {}
for i = 4, #ARGV do
  local id = ARGV[i]
  local hv = redis.call('HGET', H, id)
  if hv then
    local h = parseHolder(hv)
    if i < 4 + renew and h.leased == '0' then
      h.exp = NOW_MS + WATCHDOG
      redis.call('HSET', H, id, holderValue(h))
    end
  else
    local rv = redis.call('HGET', R, id)
    if rv then
      if i < 4 + renew then
        local bar = string.find(rv, '|', 1, true)
        redis.call('HSET', R, id, fmt(NOW_MS + WATCHDOG) .. string.sub(rv, bar))
      end
    else
      missing[#missing + 1] = id
    end
  end
end
idle()
return missing
