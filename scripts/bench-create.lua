-- wrk script for scripts/bench.sh: keep-alive POST /v1/{project_id}/data-connections, one new
-- connection per request. dw_name is c<counter>_<thread>: the counter is per wrk thread and the
-- thread number comes from setup(), so names never repeat across threads (a repeat would be a
-- 400 "already exists", and a create benchmark with errors is not a create benchmark).
-- Usage: wrk -s scripts/bench-create.lua http://127.0.0.1:PORT/v1/PROJECT/data-connections

local threads = {}

-- Runs once per thread, in the main Lua state, before the threads start.
function setup(thread)
    table.insert(threads, thread)
    thread:set("thread_id", #threads)
end

-- The rest runs in each thread's own Lua state.
counter = 0
responses = 0
non200 = 0
first_bad_status = 0
first_bad_body = ""

local headers = {
    ["X-Auth-Token"] = "bench",
    ["workspace"] = "bench-ws",
    ["Content-Type"] = "application/json",
}

function request()
    counter = counter + 1
    local body = string.format(
        '{"data_source_vos":[{"dw_name":"c%d_%d","dw_type":"DWS","dw_config":{"host":"10.0.0.1"}}]}',
        counter, thread_id)
    return wrk.format("POST", wrk.path, headers, body)
end

function response(status, headers, body)
    responses = responses + 1
    if status ~= 200 then
        non200 = non200 + 1
        if first_bad_status == 0 then
            first_bad_status = status
            first_bad_body = string.sub(body or "", 1, 200)
        end
    end
end

-- Runs once in the main Lua state after the run; bench.sh parses the "lua:" lines.
function done(summary, latency, requests)
    local total, bad = 0, 0
    for _, thread in ipairs(threads) do
        total = total + thread:get("responses")
        bad = bad + thread:get("non200")
    end
    io.write(string.format("lua: responses %d non200 %d\n", total, bad))
    for index, thread in ipairs(threads) do
        local status = thread:get("first_bad_status")
        if status ~= 0 then
            io.write(string.format("lua: thread %d first non-200: %d %s\n", index, status, thread:get("first_bad_body")))
        end
    end
end
