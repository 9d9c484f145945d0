-- wrk script for scripts/bench: GET /todos, each request for a random
-- X-CHALLENGER GUID read from the file named by $GUIDS_FILE (one a line).
-- Requests are formatted once in init(): wrk shares the 2 cores with the
-- server and should spend as little CPU as it can.
local reqs = {}

function init(args)
  local path = os.getenv("GUIDS_FILE")
  if path == nil then
    error("GUIDS_FILE is not set")
  end
  for guid in io.lines(path) do
    if #guid > 0 then
      reqs[#reqs + 1] = wrk.format("GET", "/todos", { ["X-CHALLENGER"] = guid })
    end
  end
  if #reqs == 0 then
    error("no GUIDs in " .. path)
  end
end

function request()
  return reqs[math.random(#reqs)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT rps=%.1f p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f " ..
    "requests=%d err_status=%d err_connect=%d err_read=%d err_write=%d " ..
    "err_timeout=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max,
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout))
end
