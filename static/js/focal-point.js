// Image library admin: click (or use the arrow keys on) the preview to set the
// focal point, the spot every fixed-ratio crop keeps in view. The two number
// fields stay the source of truth and keep working without this script.
function setUpFocalPoint() {
  "use strict"
  const preview = document.querySelector("[data-focal-preview]")
  const inputX = document.getElementById("id_focal_x")
  const inputY = document.getElementById("id_focal_y")
  if (!preview || !inputX || !inputY) return

  const frame = preview.parentElement
  frame.classList.add("focal-frame")
  const marker = document.createElement("span")
  marker.className = "focal-marker"
  marker.setAttribute("aria-hidden", "true")
  frame.append(marker)
  preview.tabIndex = 0
  preview.setAttribute("role", "button")
  preview.setAttribute(
    "aria-label",
    "Focal point: click the picture where crops should centre, or use the arrow keys",
  )

  const clamp = (value) => Math.min(100, Math.max(0, Math.round(value)))
  function show() {
    // CSSOM, not a style attribute: allowed by our Content Security Policy.
    marker.style.left = `${clamp(+inputX.value || 0)}%`
    marker.style.top = `${clamp(+inputY.value || 0)}%`
  }
  function set(x, y) {
    inputX.value = clamp(x)
    inputY.value = clamp(y)
    show()
  }

  preview.addEventListener("click", (event) => {
    const box = preview.getBoundingClientRect()
    set(((event.clientX - box.left) / box.width) * 100, ((event.clientY - box.top) / box.height) * 100)
  })
  preview.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 10 : 2
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }
    const move = moves[event.key]
    if (!move) return
    event.preventDefault()
    set(+inputX.value + move[0], +inputY.value + move[1])
  })
  inputX.addEventListener("input", show)
  inputY.addEventListener("input", show)
  show()
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", setUpFocalPoint)
} else {
  setUpFocalPoint()
}
