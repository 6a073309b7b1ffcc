-- wrk script for bench/load.py: GET requests rotating through a list of (cookie, path) lines.
--
--   wrk -s bench/wrk/rotate.lua http://127.0.0.1:PORT -- TARGETS_FILE
--
-- TARGETS_FILE holds one request a line: "<Cookie header value> <path>" (no spaces in
-- either). Each thread starts at its own offset so that concurrent requests seldom share a
-- session (every request saves its session row). Response statuses are counted exactly
-- (wrk's own "Non-2xx or 3xx" line hides redirects to the login page), and done() prints one
-- line "WRK_JSON {...}" with the counts, the latency percentiles (microseconds), and the
-- summary.

local threads = {}

function setup(thread)
  thread:set("thread_no", #threads)
  table.insert(threads, thread)
end

function init(args)
  lines = {}
  for line in io.lines(args[1]) do
    local cookie, path = line:match("^(%S+)%s+(%S+)$")
    if cookie then
      table.insert(lines, { cookie, path })
    end
  end
  if #lines == 0 then
    error("no request lines in " .. tostring(args[1]))
  end
  position = (thread_no * 7919) % #lines
  statuses = {}
end

function request()
  position = position % #lines + 1
  local entry = lines[position]
  return wrk.format("GET", entry[2], { ["Cookie"] = entry[1] })
end

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    local counted = thread:get("statuses") or {}
    for key, count in pairs(counted) do
      total[key] = (total[key] or 0) + count
    end
  end
  local parts = {}
  for key, count in pairs(total) do
    table.insert(parts, string.format('"%s": %d', key, count))
  end
  local quantiles = {}
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    table.insert(quantiles, string.format('"p%d_us": %d', p, latency:percentile(p)))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "statuses": {%s}, %s, '
      .. '"max_us": %d, "mean_us": %.1f, "errors": {"connect": %d, "read": %d, "write": %d, '
      .. '"status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes, table.concat(parts, ", "),
    table.concat(quantiles, ", "), latency.max, latency.mean,
    e.connect, e.read, e.write, e.status, e.timeout
  ))
end
