-- wrk script for the server benchmark (Tools/bench/serve): sends WRK_METHOD (GET or POST, with
-- WRK_BODY as a JSON body and WRK_TOKEN as a bearer token) to the URL on wrk's command line and
-- stops each thread after its share of WRK_REQUESTS responses (wrk itself runs for a duration,
-- so the count is kept here). Prints one machine-readable line: requests, p50/p99 ms, req/s, errors.
--   WRK_REQUESTS=10000 WRK_THREADS=2 WRK_METHOD=POST WRK_BODY='{…}' wrk -t2 -c50 -d600s -s wrk-count.lua URL
local total = tonumber(os.getenv("WRK_REQUESTS") or "10000")
local nthreads = tonumber(os.getenv("WRK_THREADS") or "2")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  share = math.floor(total / nthreads)
  seen = 0
  unexpected = 0
  wrk.method = os.getenv("WRK_METHOD") or "GET"
  local body = os.getenv("WRK_BODY")
  if body then
    wrk.body = body
    wrk.headers["Content-Type"] = "application/json"
  end
  local token = os.getenv("WRK_TOKEN")
  if token then wrk.headers["Authorization"] = "Bearer " .. token end
end

function response(status, headers, body)
  seen = seen + 1
  if status ~= 200 and status ~= 201 then unexpected = unexpected + 1 end
  if seen >= share then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local seen_total, unexpected_total = 0, 0
  for _, thread in ipairs(threads) do
    seen_total = seen_total + thread:get("seen")
    unexpected_total = unexpected_total + thread:get("unexpected")
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT responses=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f rps=%.0f seconds=%.2f non_2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    seen_total, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / seconds, seconds, unexpected_total, e.connect, e.read, e.write, e.timeout))
end
