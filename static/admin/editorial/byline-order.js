// The byline's order without typing numbers: each author's row gets "Move up"
// and "Move down" buttons (keyboard) and can be dragged (mouse); the hidden
// order numbers follow the rows, top first. A new co-author goes last.
// Without this script the order column stays, numbers typed by hand.
"use strict"
const startBylineOrder = () => {
  const group = document.getElementById("bylines-group")
  if (!group) return
  const body = group.querySelector("tbody")
  if (!body) return
  const status = document.createElement("p")
  status.className = "byline-order-status visually-hidden"
  status.setAttribute("role", "status")
  group.append(status)
  group.classList.add("byline-ordered")

  const rows = () => [...body.querySelectorAll("tr.form-row:not(.empty-form)")]
  const orderInput = (row) => row.querySelector("input[name$='-order']")
  const nameOf = (row) => {
    const select = row.querySelector("select[name$='-author']")
    const option = select && select.selectedOptions[0]
    return (option && option.value && option.textContent.trim()) || "this author"
  }
  const renumber = () => {
    rows().forEach((row, index) => {
      const input = orderInput(row)
      if (input && input.value !== String(index)) {
        input.value = String(index)
        input.dispatchEvent(new Event("change", { bubbles: true }))
      }
    })
  }
  const announce = (row) => {
    const all = rows()
    status.textContent = `${nameOf(row)}: position ${all.indexOf(row) + 1} of ${all.length}.`
  }
  const move = (row, step, button) => {
    const all = rows()
    const index = all.indexOf(row)
    const target = all[index + step]
    if (!target) return
    if (step < 0) target.before(row)
    else target.after(row)
    renumber()
    announce(row)
    // Keep the focus on the button pressed, or its twin when it can go no further.
    const again = row.querySelector(`[data-move="${step}"]`)
    ;(rows().indexOf(row) === (step < 0 ? 0 : rows().length - 1) ? row.querySelector(`[data-move="${-step}"]`) : again).focus()
  }

  const equip = (row) => {
    if (row.querySelector(".byline-move")) return
    const input = orderInput(row)
    if (input) input.closest("td").classList.add("byline-order-number")
    const cell = document.createElement("td")
    cell.className = "byline-move"
    for (const [step, label] of [
      [-1, "Move up"],
      [1, "Move down"],
    ]) {
      const button = document.createElement("button")
      button.type = "button"
      button.className = "button"
      button.dataset.move = String(step)
      button.textContent = label
      button.addEventListener("click", () => move(row, step, button))
      cell.append(button)
    }
    row.append(cell)
    row.draggable = true
    row.addEventListener("dragstart", (event) => {
      if (event.target.closest("select, input, .select2")) return
      row.classList.add("byline-dragging")
      event.dataTransfer.effectAllowed = "move"
      event.dataTransfer.setData("text/plain", row.id)
    })
    row.addEventListener("dragend", () => {
      row.classList.remove("byline-dragging")
      renumber()
      announce(row)
    })
  }

  body.addEventListener("dragover", (event) => {
    const dragging = body.querySelector(".byline-dragging")
    const over = event.target.closest("tr.form-row:not(.empty-form)")
    if (!dragging || !over || over === dragging) return
    event.preventDefault()
    const box = over.getBoundingClientRect()
    if (event.clientY < box.top + box.height / 2) over.before(dragging)
    else over.after(dragging)
  })
  body.addEventListener("drop", (event) => event.preventDefault())

  // The column of the buttons, named for screen readers and sighted users.
  const head = group.querySelector("thead tr")
  if (head) {
    const th = document.createElement("th")
    th.textContent = "Order"
    th.scope = "col"
    head.append(th)
    const numberHead = [...head.children].find((cell) => cell.textContent.trim().toLowerCase().startsWith("order") && cell !== th)
    if (numberHead) numberHead.classList.add("byline-order-number")
  }
  rows().forEach(equip)
  renumber()

  document.addEventListener("formset:added", (event) => {
    if (event.detail && event.detail.formsetName !== "bylines") return
    const row = event.target.closest ? event.target.closest("tr") || event.target : event.target
    equip(row)
    renumber() // last in the list, so last in the byline
  })
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startBylineOrder)
else startBylineOrder()
