-- wrk script for tripletrec serve: the three read endpoints and fold-in, alone or mixed.
-- Usage: wrk -c50 -t2 -d10s --latency -s mix.lua http://127.0.0.1:8080 -- KIND [DELAY_MS [USER_IDS ITEM_IDS]]
--   KIND: mixed (default), user, similar, search, foldin
--   DELAY_MS: pause of each connection between its requests (0 = as fast as possible)
--   USER_IDS, ITEM_IDS: files of the model's user and item ids, one a line ('tripletrec export' writes them);
--   without them, MovieLens 100k's: users 1..943, items 1..1682.
-- Prints the number of non-200 answers at the end.

local kind, pause = "mixed", 0
local users, items = {}, {}
local bodies, queries = {}, {"toy", "star", "love", "the", "man", "night", "war", "story", "king", "day"}
local errors, by_status = 0, {}
local threads = {}

local function foldin_body()
  -- 10 likes and 5 dislikes, all distinct
  local seen, liked, disliked = {}, {}, {}
  while #liked + #disliked < 15 do
    local id = items[math.random(#items)]
    if not seen[id] then
      seen[id] = true
      if #liked < 10 then liked[#liked + 1] = '"' .. id .. '"' else disliked[#disliked + 1] = '"' .. id .. '"' end
    end
  end
  return '{"liked":[' .. table.concat(liked, ",") .. '],"disliked":[' .. table.concat(disliked, ",") .. '],"k":10}'
end

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  kind = args[1] or "mixed"
  pause = tonumber(args[2] or "0")
  if args[3] and args[4] then
    for line in io.lines(args[3]) do users[#users + 1] = line end
    for line in io.lines(args[4]) do items[#items + 1] = line end
  else
    for i = 1, 943 do users[i] = tostring(i) end
    for i = 1, 1682 do items[i] = tostring(i) end
  end
  math.randomseed(os.time() + (tonumber(tostring({}):sub(8), 16) or 0))
  for i = 1, 500 do bodies[i] = foldin_body() end
end

local kinds = {"user", "similar", "search", "foldin"}
local json = {["Content-Type"] = "application/json"}

function request()
  local k = kind
  if k == "mixed" then k = kinds[math.random(4)] end
  if k == "user" then
    return wrk.format("GET", "/v1/users/" .. users[math.random(#users)] .. "/recommendations?k=10")
  elseif k == "similar" then
    return wrk.format("GET", "/v1/items/" .. items[math.random(#items)] .. "/similar?k=10")
  elseif k == "search" then
    return wrk.format("GET", "/v1/items?query=" .. queries[math.random(#queries)] .. "&limit=20")
  else
    return wrk.format("POST", "/v1/recommendations", json, bodies[math.random(#bodies)])
  end
end

function delay()
  return pause
end

function response(status, headers, body)
  if status ~= 200 then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do
    total = total + (t:get("errors") or 0)
  end
  io.write(string.format("non-200 answers: %d; socket errors: connect %d, read %d, write %d, timeout %d\n", total,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f non200=%d sockerr=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    total, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
