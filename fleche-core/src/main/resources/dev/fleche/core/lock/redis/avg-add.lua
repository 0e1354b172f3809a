redis.call('HINCRBYFLOAT', KEYS[1], 'sum', ARGV[1])
redis.call('HINCRBY', KEYS[1], 'n', 1)
return { '1' }
