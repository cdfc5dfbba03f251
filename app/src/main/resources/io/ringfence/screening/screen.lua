-- One round trip for a screening answer (see docs/screening.md for the order).
-- KEYS[1..5]: the hot lists allow-msisdn, allow-prefix, deny, irsf-test, high-risk-range (hashes of
-- value -> note). KEYS[6..]: the block keys that apply to this call (string keys holding a decision id).
-- ARGV[1]: A, ARGV[2]: B (E.164, '+' and digits).
-- Answer: {verdict, list or 'block', the matched value or the block key's 1-based position, note or decision id}.
local a, b = ARGV[1], ARGV[2]

local function longest_prefix(key, number)
  local digits = string.sub(number, 2)
  for len = math.min(15, #digits), 1, -1 do
    local p = string.sub(digits, 1, len)
    local note = redis.call('HGET', key, p)
    if note then
      return p, note
    end
  end
  return nil, nil
end

-- An allow-listed line (VIP, operator test SIM) is exempt from blocks on itself (KEYS[6] and KEYS[7],
-- the blocks on A), never from what it calls: a VIP line taken over by SIM swap must not reach a
-- blocked Wangiri number or an IRSF test number.
local allowed_a = redis.call('HGET', KEYS[1], a)
local p, note
p, note = longest_prefix(KEYS[2], b)
if p then
  return {'ALLOW', 'allow-prefix', p, note}
end
for i = 6, #KEYS do
  if not (allowed_a and i <= 7) then
    local id = redis.call('GET', KEYS[i])
    if id then
      return {'DENY', 'block', tostring(i - 5), id}
    end
  end
end
note = redis.call('HGET', KEYS[3], b)
if note then
  return {'DENY', 'deny', b, note}
end
note = redis.call('HGET', KEYS[4], b)
if note then
  return {'DENY', 'irsf-test', b, note}
end
p, note = longest_prefix(KEYS[5], b)
if p then
  return {'DENY', 'high-risk-range', p, note}
end
if allowed_a then
  return {'ALLOW', 'allow-msisdn', a, allowed_a}
end
return {'ALLOW'}
