-- Shared by every lock script. KEYS: state, holders, counts, queue, requests, tags of one lock
-- (one hash slot). ARGV[1]: channel prefix of processes; ARGV[2]: watchdog timeout in ms.
-- Holder value: token|sinceMs|expMs|leased|proc|owner|{"m":mode,"g":[tags]}
-- Request value: expMs|leaseMs|proc|owner|{"m":mode,"g":[tags]}
local S, H, C, Q, R, G = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6]
local CHAN = ARGV[1]
local WATCHDOG = tonumber(ARGV[2])
local IDLE_TTL = 86400
local clock = redis.call('TIME')
local NOW_MS = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local NOW_US = tonumber(clock[1]) * 1000000 + tonumber(clock[2])

local function fmt(n)
  return string.format('%d', n)
end

local function parseHolder(v)
  local tok, since, exp, leased, proc, owner, rest =
    string.match(v, '^(%d+)|(%d+)|(%d+)|(%d)|([^|]*)|([^|]*)|(.*)$')
  return { tok = tok, since = tonumber(since), exp = tonumber(exp), leased = leased, proc = proc,
    owner = owner, rest = rest }
end

local function holderValue(h)
  return h.tok .. '|' .. fmt(h.since) .. '|' .. fmt(h.exp) .. '|' .. h.leased .. '|' .. h.proc .. '|'
    .. h.owner .. '|' .. h.rest
end

local function parseRequest(v)
  local exp, lease, proc, owner, rest = string.match(v, '^(%d+)|(%d+)|([^|]*)|([^|]*)|(.*)$')
  return { exp = tonumber(exp), lease = tonumber(lease), proc = proc, owner = owner, rest = rest }
end

-- Versions and tokens: strictly increasing, and never below the server's clock in microseconds,
-- so they stay ahead of every earlier one even when the server lost its data.
local function nextSeq(alsoLast)
  local n = tonumber(redis.call('HGET', S, 'seq') or '0') + 1
  if n < NOW_US then
    n = NOW_US
  end
  local s = fmt(n)
  if alsoLast then
    redis.call('HSET', S, 'seq', s, 'last', s)
  else
    redis.call('HSET', S, 'seq', s)
  end
  return s
end

local function currentSeq()
  return redis.call('HGET', S, 'seq') or '0'
end

-- Exclusive built-in modes are not counted by name (the number of holders tells all a built-in
-- rule needs); every other mode is, in the counts hash.
local function exclusive(mode)
  return mode == 'mutex' or mode == 'write'
end

local function counts()
  local flat = redis.call('HGETALL', C)
  local m = {}
  for i = 1, #flat, 2 do
    m[flat[i]] = tonumber(flat[i + 1])
  end
  return m
end

-- The built-in modes' rules; nil for a user-defined mode, which its process decides.
local function compatible(mode, m, total)
  if mode == 'mutex' or mode == 'write' then
    return total == 0
  end
  if mode == 'read' then
    return total == (m['read'] or 0)
  end
  local permits = string.match(mode, '^semaphore:(%d+)$')
  if permits then
    local held = m[mode] or 0
    return total == held and held < tonumber(permits)
  end
  return nil
end

-- The held modes for a user-defined rule: the counts hash plus the exclusive holders.
local function countsReply(seq)
  local m = counts()
  for _, v in ipairs(redis.call('HVALS', H)) do
    local mode = cjson.decode(parseHolder(v).rest).m
    if exclusive(mode) then
      m[mode] = (m[mode] or 0) + 1
    end
  end
  local reply = { '2', seq }
  for mode, n in pairs(m) do
    reply[#reply + 1] = mode
    reply[#reply + 1] = fmt(n)
  end
  return reply
end

local function dropHolder(id, rest)
  redis.call('HDEL', H, id)
  local mode = cjson.decode(rest).m
  if not exclusive(mode) and redis.call('HINCRBY', C, mode, -1) <= 0 then
    redis.call('HDEL', C, mode)
  end
end

-- Removes holders whose lease or liveness ran out; tells their processes.
-- Returns whether any was removed, the remaining holders' values by id, and their number.
local function purgeHolders()
  local flat = redis.call('HGETALL', H)
  local changed = false
  local live, count = {}, 0
  for i = 1, #flat, 2 do
    local h = parseHolder(flat[i + 1])
    if h.exp <= NOW_MS then
      dropHolder(flat[i], h.rest)
      redis.call('PUBLISH', CHAN .. h.proc, 'l ' .. flat[i])
      changed = true
    else
      live[flat[i]] = flat[i + 1]
      count = count + 1
    end
  end
  if changed then
    nextSeq()
  end
  return changed, live, count
end

-- (The state hash may carry the idle expiry while busy: losing it only resets the version and
-- last token, and tokens stay ahead of earlier ones through the clock floor.)
local function grantTo(id, proc, owner, lease, rest)
  local tok = nextSeq(true)
  local leased, exp = '0', NOW_MS + WATCHDOG
  if lease > 0 then
    leased, exp = '1', NOW_MS + lease
  end
  redis.call('HSET', H, id, tok .. '|' .. fmt(NOW_MS) .. '|' .. fmt(exp) .. '|' .. leased .. '|' .. proc .. '|'
    .. owner .. '|' .. rest)
  local decoded = cjson.decode(rest)
  if not exclusive(decoded.m) then
    redis.call('HINCRBY', C, decoded.m, 1)
  end
  if #decoded.g > 0 then
    redis.call('SADD', G, unpack(decoded.g))
    redis.call('EXPIRE', G, IDLE_TTL)
  end
  return { '1', tok, fmt(exp), fmt(NOW_MS) }
end

-- Grants queued requests in order while the head's mode is compatible; drops heads whose process
-- stopped renewing them. A user-defined mode at the head is decided by its process, told when
-- something changed.
local function walk(changed, count)
  local m
  local total = count
  local granted = 0
  while true do
    local head = redis.call('LINDEX', Q, 0)
    if not head then
      return true, granted
    end
    local rv = redis.call('HGET', R, head)
    if not rv then
      redis.call('LPOP', Q)
      changed = true
    else
      local r = parseRequest(rv)
      if r.exp <= NOW_MS then
        redis.call('LPOP', Q)
        redis.call('HDEL', R, head)
        changed = true
      else
        local mode = cjson.decode(r.rest).m
        local ok
        if exclusive(mode) then
          ok = total == 0
        else
          if not m then
            m = counts()
          end
          ok = compatible(mode, m, total)
        end
        if ok == nil then
          if changed then
            redis.call('PUBLISH', CHAN .. r.proc, 'w ' .. head)
          end
          return false, granted
        end
        if not ok then
          return false, granted
        end
        redis.call('LPOP', Q)
        redis.call('HDEL', R, head)
        local g = grantTo(head, r.proc, r.owner, r.lease, r.rest)
        redis.call('PUBLISH', CHAN .. r.proc, 'g ' .. head .. ' ' .. g[2] .. ' ' .. g[3] .. ' ' .. g[4])
        if m then
          m[mode] = (m[mode] or 0) + 1
        end
        total = total + 1
        granted = granted + 1
        changed = true
      end
    end
  end
end

-- An idle lock keeps only its state hash (version, last token), for a day. Empty hashes and
-- lists vanish by themselves.
local function idle()
  if redis.call('HLEN', H) == 0 and redis.call('LLEN', Q) == 0 then
    redis.call('EXPIRE', S, IDLE_TTL)
  end
end

-- Milliseconds until the first holder's lease or liveness runs out, or the watchdog timeout.
local function earliest()
  local first = NOW_MS + WATCHDOG
  for _, v in ipairs(redis.call('HVALS', H)) do
    local exp = parseHolder(v).exp
    if exp < first then
      first = exp
    end
  end
  return fmt(first - NOW_MS)
end

-- Every script starts here. Returns the holders' values by id, their number and whether the
-- queue is empty, all as of after the walk (holders granted by the walk are counted, not listed).
local function begin()
  local changed, live, count = purgeHolders()
  local empty, granted = walk(changed, count)
  return live, count + granted, empty
end

local function holderReply(id)
  local hv = redis.call('HGET', H, id)
  if hv then
    local h = parseHolder(hv)
    return { '1', h.tok, fmt(h.exp), fmt(h.since) }
  end
  return nil
end

-- Releases holder id; returns whether it was held, and the holders left and queue emptiness.
local function releaseHolder(id, hv, count)
  if not hv then
    return false
  end
  dropHolder(id, parseHolder(hv).rest)
  nextSeq()
  local empty, granted = walk(true, count - 1)
  return true, count - 1 + granted, empty
end

