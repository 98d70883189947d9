// Image library admin: click (or use the arrow keys on) the preview to set the
// focal point, the spot every fixed-ratio crop keeps in view; the 3:2 and 1:1
// crops are drawn beside it as they will be made. On the upload form the
// chosen file is previewed at once, so the focal point is set before the first
// save. The two number fields stay the source of truth and keep working
// without this script.
const RATIOS = [
  ["3:2", 3, 2],
  ["1:1", 1, 1],
]

// The same box as images.renditions.crop_box: the largest of the ratio,
// centred on the focal point as far as the edges allow.
function cropBox(width, height, rw, rh, fx, fy) {
  let boxW = width
  let boxH = height
  if (width * rh > height * rw) boxW = Math.round((height * rw) / rh)
  else boxH = Math.round((width * rh) / rw)
  boxW = Math.max(1, Math.min(boxW, width))
  boxH = Math.max(1, Math.min(boxH, height))
  const left = Math.min(Math.max(Math.round((width * fx) / 100 - boxW / 2), 0), width - boxW)
  const top = Math.min(Math.max(Math.round((height * fy) / 100 - boxH / 2), 0), height - boxH)
  return [left, top, boxW, boxH]
}

function setUpFocalPoint(preview) {
  "use strict"
  const inputX = document.getElementById("id_focal_x")
  const inputY = document.getElementById("id_focal_y")
  if (!preview || !inputX || !inputY || preview.dataset.focalReady) return
  preview.dataset.focalReady = "1"

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

  const crops = document.createElement("div")
  crops.className = "focal-crops"
  const canvases = RATIOS.map(([name, rw, rh]) => {
    const figure = document.createElement("figure")
    const canvas = document.createElement("canvas")
    canvas.width = 160
    canvas.height = Math.round((160 * rh) / rw)
    canvas.setAttribute("role", "img")
    canvas.setAttribute("aria-label", `The ${name} crop`)
    const caption = document.createElement("figcaption")
    caption.textContent = `${name} crop`
    figure.append(canvas, caption)
    crops.append(figure)
    return [canvas, rw, rh]
  })
  frame.after(crops)

  const clamp = (value) => Math.min(100, Math.max(0, Math.round(value)))
  function drawCrops() {
    const width = preview.naturalWidth
    const height = preview.naturalHeight
    if (!width || !height) return
    for (const [canvas, rw, rh] of canvases) {
      const [left, top, boxW, boxH] = cropBox(width, height, rw, rh, +inputX.value || 0, +inputY.value || 0)
      const context = canvas.getContext("2d")
      context.clearRect(0, 0, canvas.width, canvas.height)
      context.drawImage(preview, left, top, boxW, boxH, 0, 0, canvas.width, canvas.height)
    }
  }
  function show() {
    // CSSOM, not a style attribute: allowed by our Content Security Policy.
    marker.style.left = `${clamp(+inputX.value || 0)}%`
    marker.style.top = `${clamp(+inputY.value || 0)}%`
    drawCrops()
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
  if (preview.complete) show()
  else preview.addEventListener("load", show)
}

// The upload form: preview the chosen file (read as a data: URL, which our
// Content Security Policy allows) and set the focal point on it.
function setUpUploadPreview() {
  "use strict"
  const slot = document.querySelector("[data-focal-upload]")
  const file = document.getElementById("id_file")
  if (!slot || !file) return
  file.addEventListener("change", () => {
    const chosen = file.files && file.files[0]
    if (!chosen || !chosen.type.startsWith("image/")) return
    const reader = new FileReader()
    reader.addEventListener("load", () => {
      const old = slot.parentElement.querySelector(".focal-crops")
      if (old) old.remove()
      const frame = document.createElement("span")
      const image = document.createElement("img")
      image.alt = "The chosen picture"
      image.dataset.focalPreview = ""
      image.width = 480
      image.src = reader.result
      frame.append(image)
      slot.replaceChildren(frame)
      setUpFocalPoint(image)
    })
    reader.readAsDataURL(chosen)
  })
}

function startFocalPoint() {
  setUpFocalPoint(document.querySelector("[data-focal-preview]"))
  setUpUploadPreview()
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", startFocalPoint)
} else {
  startFocalPoint()
}
