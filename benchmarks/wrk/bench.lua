-- One wrk script for every compare.sh scenario. Arguments after `--` are key=value:
--   path=/...         request path (default /_matrix/client/v3/pushrules/, which goes to main)
--   method=GET|POST   (default GET)
--   tokens=FILE       access tokens, one a line; with count=N the first N are rotated, each thread
--   count=N           starting at its own offset, one token per request (Authorization: Bearer)
--   body=BYTES        a request body of that many bytes (uploads)
--   delay=MS          wait about MS (0.5 to 1.5 MS, uniform) before each request on a connection: a
--                     fixed request rate of about connections * 1000 / MS per second (wrk has no
--                     open-loop mode; at the load used for latency, response times are far below MS,
--                     so the rate holds)
-- At the end it prints one line `WRK_JSON {...}` that the harness parses.

local opts = {}
local threads = {}
local next_id = 0

local function parse(args)
  local o = {}
  for _, a in ipairs(args or {}) do
    local k, v = string.match(a, "^([%w_]+)=(.*)$")
    if k then o[k] = v end
  end
  return o
end

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local requests = {}
local index = 1
local delay_ms = 0

function init(args)
  opts = parse(args)
  local path = opts.path or "/_matrix/client/v3/pushrules/"
  local method = opts.method or "GET"
  local body = nil
  if opts.body and tonumber(opts.body) > 0 then
    body = string.rep("x", tonumber(opts.body))
  end
  delay_ms = tonumber(opts.delay or "0")
  math.randomseed(os.time() + (id or 0) * 7717)
  local headers = {}
  if body then headers["Content-Type"] = "application/octet-stream" end
  if opts.tokens then
    local n = tonumber(opts.count or "1000000000")
    local i = 0
    for line in io.lines(opts.tokens) do
      if i >= n then break end
      headers["Authorization"] = "Bearer " .. line
      requests[#requests + 1] = wrk.format(method, path, headers, body)
      i = i + 1
    end
    -- spread the threads over the token list
    index = ((id or 0) * 7919) % #requests + 1
  else
    requests[1] = wrk.format(method, path, headers, body)
  end
end

function request()
  local r = requests[index]
  index = index + 1
  if index > #requests then index = 1 end
  return r
end

-- Spread evenly between 0.5 and 1.5 times the mean, so that the connections do not fire in lockstep
-- bursts (which would measure burst queueing, not the proxy).
function delay()
  if delay_ms <= 0 then return 0 end
  return math.random(math.max(1, math.floor(delay_ms / 2)), delay_ms + math.floor(delay_ms / 2))
end

function done(summary, latency, requests_stats)
  local e = summary.errors
  local out = string.format(
    '{"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9), latency.max)
  io.write("WRK_JSON " .. out .. "\n")
end
