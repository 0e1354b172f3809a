local v = redis.call('HMGET', KEYS[1], 'sum', 'n')
redis.call('DEL', KEYS[1])
if not v[1] then
  return {}
end
return { v[1], v[2] }
