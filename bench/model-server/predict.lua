-- wrk script: single-text POST /predict.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text":"I was charged twice on my invoice, please refund my card"}'
