-- wrk script: POST the AdmissionReview named by the BODY environment variable, over keep-alive connections.
local file = assert(io.open(os.getenv("BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
wrk.headers["Content-Type"] = "application/json"
file:close()
