-- For wrk -s: with no script arguments, wrk asks for its one URL; with paths after "--",
-- each thread cycles through them, starting at its own place in the list. At the end,
-- one line "BENCH_JSON {...}" with the figures bench/run.py reads (latencies in µs).

local paths, next_path = {}, 1
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for _, path in ipairs(args) do
    table.insert(paths, path)
  end
  if #paths > 0 then
    next_path = ((id or 1) * 7) % #paths + 1
  end
end

function request()
  if #paths == 0 then
    return wrk.request()
  end
  local path = paths[next_path]
  next_path = next_path % #paths + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, ' ..
    '"read_errors": %d, "write_errors": %d, "status_errors": %d, "timeouts": %d, ' ..
    '"mean_us": %.1f, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
end
