-- wrk script for Tools/bench/serve: the method, JSON body and bearer token from the environment,
-- and a count of responses and of non-2xx ones (wrk runs for a duration; the count is kept here).
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  seen, unexpected = 0, 0
  wrk.method = os.getenv("WRK_METHOD") or "GET"
  local body = os.getenv("WRK_BODY")
  if body and body ~= "" then wrk.body = body; wrk.headers["Content-Type"] = "application/json" end
  local token = os.getenv("WRK_TOKEN")
  if token then wrk.headers["Authorization"] = "Bearer " .. token end
end
function response(status, headers, body)
  seen = seen + 1
  if status < 200 or status > 299 then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local total, bad = 0, 0
  for _, t in ipairs(threads) do total = total + t:get("seen"); bad = bad + t:get("unexpected") end
  local e = summary.errors
  io.write(string.format("RESULT responses=%d non_2xx=%d socket_errors=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    total, bad, e.connect + e.read + e.write + e.timeout, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
