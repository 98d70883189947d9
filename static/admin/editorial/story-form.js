// The story form as a writing desk (editorial/admin/desk.py): autosave every
// few seconds while the story changes, a warning before leaving it with
// unsaved changes, and who else has it open. No inline script: the URLs come
// from #story-desk's data attributes.
"use strict"
const startDesk = () => {
  const desk = document.getElementById("story-desk")
  const form = document.getElementById("article_form")
  if (!desk || !form) return

  // What an autosave keeps: the server says (editorial.admin.desk.AUTOSAVED).
  const FIELDS = (desk.dataset.autosaveFields || "").split(" ").filter(Boolean)
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
  form.addEventListener("submit", (event) => {
    // The side-by-side preview posts the form into another window: this
    // page stays, with its changes unsaved.
    if (event.submitter && event.submitter.hasAttribute("data-side-preview")) return
    submitting = true
  })
  const sidePreview = form.querySelector("[data-side-preview]")
  if (sidePreview) {
    sidePreview.addEventListener("click", () => {
      // A window on the right half of the screen, beside the form.
      const width = Math.round(window.screen.availWidth / 2)
      window.open("", "story-preview", `popup,width=${width},height=${window.screen.availHeight},left=${width},top=0`)
    })
  }

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
  startMeters(form, desk)
}

// While writing: word count and reading time of the body, the headline's and
// standfirst's length against where search engines and social cards cut, and
// how the story shows in a search result and as a shared card.
const LIMITS = {
  headline: { limit: 60, where: "search results show about 60 characters of a title" },
  standfirst: { limit: 160, where: "search results show about 160 characters of a description" },
}
const WORDS_PER_MINUTE = 230
const truncate = (text, limit) => (text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text)
const plainText = (html) => new DOMParser().parseFromString(html || "", "text/html").body.textContent || ""

const startMeters = (form, desk) => {
  const meter = (field) => {
    const input = form.querySelector(`[name=${field}]`)
    if (!input) return null
    const note = document.createElement("p")
    note.className = "story-meter"
    note.id = `${field}-meter`
    note.setAttribute("aria-live", "polite")
    input.closest(".form-row, .fieldBox, div").append(note)
    const described = input.getAttribute("aria-describedby")
    input.setAttribute("aria-describedby", described ? `${described} ${note.id}` : note.id)
    return { input, note }
  }
  const lengths = Object.fromEntries(Object.keys(LIMITS).map((field) => [field, meter(field)]))
  const body = form.querySelector("[name=body]")
  let count = null
  if (body) {
    count = document.createElement("p")
    count.className = "story-meter"
    count.id = "body-meter"
    body.closest(".form-row").append(count)
  }

  let previews = null
  const standfirstRow = lengths.standfirst && lengths.standfirst.input.closest(".form-row")
  if (standfirstRow) {
    previews = document.createElement("div")
    previews.className = "story-previews"
    const search = document.createElement("section")
    search.className = "story-preview story-preview--search"
    search.setAttribute("aria-label", "Search result preview")
    search.append(
      Object.assign(document.createElement("h3"), { textContent: "In search results" }),
      Object.assign(document.createElement("p"), { className: "story-preview__title" }),
      Object.assign(document.createElement("p"), { className: "story-preview__url" }),
      Object.assign(document.createElement("p"), { className: "story-preview__text" }),
    )
    const card = document.createElement("section")
    card.className = "story-preview story-preview--card"
    card.setAttribute("aria-label", "Social card preview")
    card.append(
      Object.assign(document.createElement("h3"), { textContent: "When shared" }),
      Object.assign(document.createElement("p"), { className: "story-preview__url" }),
      Object.assign(document.createElement("p"), { className: "story-preview__card-title" }),
      Object.assign(document.createElement("p"), { className: "story-preview__text" }),
    )
    previews.append(search, card)
    standfirstRow.after(previews)
  }

  const site = desk.dataset.siteName || document.title.split("|").pop().trim()
  const host = desk.dataset.siteHost || window.location.host

  const update = () => {
    for (const [field, parts] of Object.entries(lengths)) {
      if (!parts) continue
      const length = parts.input.value.trim().length
      const { limit, where } = LIMITS[field]
      const over = length > limit
      parts.note.textContent = `${length} characters${over ? `: ${length - limit} over, ` : ", "}${where}.`
      parts.note.classList.toggle("story-meter--over", over)
    }
    if (count) {
      const words = plainText(body.value).trim().split(/\s+/).filter(Boolean).length
      const minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE))
      count.textContent = `${words} ${words === 1 ? "word" : "words"}, about ${minutes} min read.`
    }
    if (previews) {
      const headline = (lengths.headline && lengths.headline.input.value.trim()) || "Headline"
      const standfirst = (lengths.standfirst && lengths.standfirst.input.value.trim()) || ""
      const slug = (form.querySelector("[name=slug]") || {}).value || ""
      const [search, card] = previews.children
      search.querySelector(".story-preview__title").textContent = truncate(`${headline} – ${site}`, 60)
      search.querySelector(".story-preview__url").textContent = `${host} › news › ${slug || "…"}`
      search.querySelector(".story-preview__text").textContent = truncate(standfirst, 160)
      card.querySelector(".story-preview__url").textContent = host.toUpperCase()
      card.querySelector(".story-preview__card-title").textContent = truncate(headline, 70)
      card.querySelector(".story-preview__text").textContent = truncate(standfirst, 200)
    }
  }
  form.addEventListener("input", update)
  update()
}
// Loaded in the head with the form's media: start once the form is there.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startDesk)
else startDesk()
