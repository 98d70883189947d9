"""Telling readers apart, and limiting what each may do in a while.

`throttle.clients.client_ip(request)` is the one answer to "who is asking"
(comments, their rate limits, login protection); `throttle.limits.Limit`
counts actions per address or email, and keeps counting, more roughly, when
the shared cache cannot. See throttle/README.md.
"""
