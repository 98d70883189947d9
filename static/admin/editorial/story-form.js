// The story form as a writing desk (editorial/admin/desk.py): autosave every
// few seconds while the story changes, a warning before leaving it with
// unsaved changes, and who else has it open. No inline script: the URLs come
// from #story-desk's data attributes.
"use strict"
const startDesk = () => {
  const desk = document.getElementById("story-desk")
  const form = document.getElementById("article_form")
  if (!desk || !form) return

  const FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "dateline",
    "body",
    "section",
    "tags",
    "lead_image",
    "lead_image_caption",
  ]
  const AUTOSAVE_EVERY = 5000
  const HEARTBEAT_EVERY = 20000
  const csrf = form.querySelector("[name=csrfmiddlewaretoken]").value
  const autosaveStatus = document.getElementById("story-autosave-status")
  const presence = document.getElementById("story-presence")
  let dirty = false // changed since the page was loaded (or saved)
  let unsent = false // changed since the last autosave
  let submitting = false

  // Only what the user does counts: widgets that set themselves up (the body
  // editor, select2) fire change events of their own while the page loads.
  let userActed = false
  for (const kind of ["keydown", "pointerdown", "paste", "drop"]) {
    form.addEventListener(kind, () => {
      userActed = true
    }, true)
  }
  const changed = (event) => {
    if (event && event.isTrusted) userActed = true // typed, pasted, chosen
    if (!userActed) return
    if (event && event.target && event.target.name === "loaded_version") return
    dirty = true
    unsent = true
  }
  form.addEventListener("input", changed)
  form.addEventListener("change", changed)
  // Select2 boxes (lead image, byline, topics) announce changes through jQuery only.
  if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", "select", changed)
  form.addEventListener("submit", () => {
    submitting = true
  })

  window.addEventListener("beforeunload", (event) => {
    if (dirty && !submitting) {
      event.preventDefault()
      event.returnValue = ""
    }
  })

  const payload = () => {
    const all = new FormData(form)
    const data = new FormData()
    for (const name of FIELDS) for (const value of all.getAll(name)) data.append(name, value)
    data.append("csrfmiddlewaretoken", csrf)
    return data
  }

  const autosave = async () => {
    if (!unsent || submitting) return
    unsent = false
    try {
      const response = await fetch(desk.dataset.autosaveUrl, {
        method: "POST",
        body: payload(),
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf },
      })
      if (!response.ok) throw new Error(String(response.status))
      const answer = await response.json()
      autosaveStatus.textContent = `Autosaved at ${answer.label} (not yet saved with the story).`
    } catch (error) {
      unsent = true
      autosaveStatus.textContent = "Not autosaved: the connection failed. It will try again."
    }
  }
  window.setInterval(autosave, AUTOSAVE_EVERY)
  // The tab is being closed or hidden: send the last words now.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && unsent && !submitting) {
      if (navigator.sendBeacon(desk.dataset.autosaveUrl, payload())) unsent = false
    }
  })

  const discard = document.querySelector("[data-autosave-discard]")
  if (discard) {
    discard.addEventListener("click", async () => {
      const data = new FormData()
      data.append("csrfmiddlewaretoken", csrf)
      data.append("action", "discard")
      const response = await fetch(desk.dataset.autosaveUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf },
      })
      if (response.ok) {
        const offer = discard.closest(".story-autosave-offer")
        offer.replaceChildren(Object.assign(document.createElement("p"), { textContent: "The autosaved text was discarded." }))
        offer.setAttribute("role", "status")
      }
    })
  }

  const heartbeat = async () => {
    if (!desk.dataset.presenceUrl) return
    try {
      const data = new FormData()
      data.append("csrfmiddlewaretoken", csrf)
      const response = await fetch(desk.dataset.presenceUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf },
      })
      if (!response.ok) return
      const { others } = await response.json()
      const text = others.length ? `Also open by ${others.join(", ")}: save with care, you will be told if they saved first.` : ""
      if (presence.textContent !== text) presence.textContent = text
    } catch (error) {
      // No presence this time; the form works the same.
    }
  }
  heartbeat()
  window.setInterval(heartbeat, HEARTBEAT_EVERY)
}
// Loaded in the head with the form's media: start once the form is there.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startDesk)
else startDesk()
