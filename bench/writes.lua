-- Writes that can run for any time: POST /todos for the GUIDs of
-- $GUIDS_FILE in turn, and for every todo created (201) a DELETE of it
-- (its Location) as the thread's next request. Every request is one write.
local posts, deletes, n, nthreads = {}, {}, 0, 2
local body = '{"title":"bench","doneStatus":false,"description":"x"}'
function setup(thread) thread:set("id", n); n = n + 1 end
function init(args)
  for guid in io.lines(os.getenv("GUIDS_FILE")) do
    if #guid > 0 then
      posts[#posts + 1] = wrk.format("POST", "/todos",
        { ["X-CHALLENGER"] = guid, ["Content-Type"] = "application/json" },
        body)
    end
  end
  next_i = id or 0 -- set by setup() in this thread's state
end
function request()
  if #deletes > 0 then return table.remove(deletes) end
  local r = posts[(next_i % #posts) + 1]
  next_i = next_i + nthreads
  return r
end
function response(status, headers, body)
  if status == 201 then
    local at = headers["Location"] or headers["location"]
    local guid = headers["X-CHALLENGER"] or headers["x-challenger"]
    if at and guid then
      deletes[#deletes + 1] = wrk.format("DELETE", at,
        { ["X-CHALLENGER"] = guid })
    end
  end
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
