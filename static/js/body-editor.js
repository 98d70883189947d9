// The article body editor (admin): django-prose-editor's Tiptap bundle with a
// newsroom set of tools, an image-library picker and allow-listed video embeds.
// Loaded as a module from our origin; it imports the editor bundle by URL (no
// import map) and turns Tiptap's inline <style> injection off, so it runs under
// a Content Security Policy without 'unsafe-inline'. The server cleans whatever
// this sends (articles/richtext.py): the editor is a convenience, not a guard.

const SELECTOR = "textarea[data-body-editor]"

// Same rules as articles.richtext.embed_source (the server has the last word).
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/
const VIMEO_ID = /^[0-9]{1,12}$/
const YOUTUBE_HOSTS = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
  "youtube-nocookie.com",
  "www.youtube-nocookie.com",
])

export function embedSource(address) {
  let url
  try {
    url = new URL(address.trim())
  } catch {
    return null
  }
  if (!["http:", "https:"].includes(url.protocol)) return null
  const host = url.hostname.toLowerCase()
  const parts = url.pathname.split("/").filter(Boolean)
  if (YOUTUBE_HOSTS.has(host)) {
    let id = null
    if (parts[0] === "watch") id = url.searchParams.get("v")
    else if (parts.length === 2 && ["embed", "shorts", "live"].includes(parts[0])) id = parts[1]
    if (id && YOUTUBE_ID.test(id))
      return { provider: "youtube", src: `https://www.youtube-nocookie.com/embed/${id}` }
  } else if (host === "youtu.be" && parts.length === 1 && YOUTUBE_ID.test(parts[0])) {
    return { provider: "youtube", src: `https://www.youtube-nocookie.com/embed/${parts[0]}` }
  } else if ((host === "vimeo.com" || host === "www.vimeo.com") && parts.length === 1) {
    if (VIMEO_ID.test(parts[0]))
      return { provider: "vimeo", src: `https://player.vimeo.com/video/${parts[0]}?dnt=1` }
  } else if (host === "player.vimeo.com" && parts.length === 2 && parts[0] === "video") {
    if (VIMEO_ID.test(parts[1]))
      return { provider: "vimeo", src: `https://player.vimeo.com/video/${parts[1]}?dnt=1` }
  }
  return null
}

function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue
    if (name === "text") node.textContent = value
    else node.setAttribute(name, value === true ? "" : value)
  }
  node.append(...children)
  return node
}

// --- The library picker: a modal dialog listing library images --------------

function openLibraryPicker(pickerUrl, onPick) {
  const titleId = `library-picker-title-${Math.random().toString(36).slice(2, 8)}`
  const search = el("input", {
    type: "search",
    name: "q",
    class: "library-picker__search",
    autocomplete: "off",
  })
  const searchLabel = el("label", { class: "library-picker__label" }, [
    "Search the library ",
    search,
  ])
  const status = el("p", { class: "library-picker__status", role: "status" })
  const list = el("ul", { class: "library-picker__list" })
  const more = el("button", { type: "button", class: "library-picker__more", hidden: true, text: "Show more" })
  const cancel = el("button", { type: "button", class: "library-picker__cancel", text: "Cancel" })
  const dialog = el("dialog", { class: "library-picker", "aria-labelledby": titleId }, [
    el("h2", { id: titleId, text: "Insert an image from the library" }),
    el("form", { class: "library-picker__form", role: "search" }, [searchLabel]),
    status,
    list,
    el("div", { class: "library-picker__actions" }, [more, cancel]),
  ])
  let page = 1
  let timer = null

  async function load(reset) {
    if (reset) {
      page = 1
      list.replaceChildren()
    }
    status.textContent = "Loading…"
    const query = new URLSearchParams({ q: search.value, page: String(page) })
    let data
    try {
      const response = await fetch(`${pickerUrl}?${query}`, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
      if (!response.ok) throw new Error(response.statusText)
      data = await response.json()
    } catch {
      status.textContent = "The library could not be loaded. Try again."
      return
    }
    for (const image of data.results) {
      const button = el("button", { type: "button", class: "library-picker__choice" }, [
        el("img", {
          src: image.thumb,
          alt: "",
          width: 96,
          height: 96,
          loading: "lazy",
        }),
        el("span", { class: "library-picker__title", text: image.title }),
        el("span", { class: "library-picker__meta", text: image.credit || image.caption }),
      ])
      button.addEventListener("click", () => {
        dialog.close()
        onPick(image)
      })
      list.append(el("li", {}, [button]))
    }
    more.hidden = !data.has_next
    const count = list.children.length
    status.textContent = count
      ? `${count} image${count === 1 ? "" : "s"}${data.has_next ? " (more available)" : ""}.`
      : "No image matches. Upload new images in the Image library."
  }

  search.addEventListener("input", () => {
    clearTimeout(timer)
    timer = setTimeout(() => load(true), 250)
  })
  dialog.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault()
    load(true)
  })
  more.addEventListener("click", () => {
    page += 1
    load(false)
  })
  cancel.addEventListener("click", () => dialog.close())
  dialog.addEventListener("close", () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  search.focus()
  load(true)
}

// --- Editor set-up ----------------------------------------------------------

function buildExtensions(pe, config) {
  const { Node } = pe

  const LibraryImage = Node.create({
    name: "libraryImage",
    group: "block",
    atom: true,
    draggable: true,
    selectable: true,

    addOptions() {
      return { pickerUrl: "" }
    },

    addAttributes() {
      return {
        imageId: { default: null },
        src: { default: "" },
        alt: { default: "" },
        width: { default: null },
        height: { default: null },
        caption: { default: "" },
        credit: { default: "" },
      }
    },

    parseHTML() {
      const fromFigure = (dom) => {
        const img = dom.querySelector("img")
        const credit = dom.querySelector("figcaption .credit")
        const caption = dom.querySelector("figcaption")
        let captionText = caption ? caption.textContent : ""
        if (credit) captionText = captionText.slice(0, captionText.length - credit.textContent.length)
        return {
          imageId: dom.getAttribute("data-image-id"),
          src: img?.getAttribute("src") || "",
          alt: img?.getAttribute("alt") || "",
          width: img?.getAttribute("width"),
          height: img?.getAttribute("height"),
          caption: captionText.trim(),
          credit: credit ? credit.textContent.trim() : "",
        }
      }
      return [
        { tag: "figure[data-image-id]", getAttrs: fromFigure },
        {
          tag: "img[data-image-id]",
          getAttrs: (dom) => ({
            imageId: dom.getAttribute("data-image-id"),
            src: dom.getAttribute("src") || "",
            alt: dom.getAttribute("alt") || "",
          }),
        },
      ]
    },

    renderHTML({ node }) {
      const { imageId, src, alt, width, height, caption, credit } = node.attrs
      const figure = [
        "figure",
        { class: "inline-image", "data-image-id": imageId },
        ["img", { src, alt, width, height }],
      ]
      if (caption || credit) {
        const figcaption = ["figcaption", {}]
        if (caption) figcaption.push(caption)
        if (caption && credit) figcaption.push(" ")
        if (credit) figcaption.push(["span", { class: "credit" }, credit])
        figure.push(figcaption)
      }
      return figure
    },

    addCommands() {
      return {
        insertLibraryImage:
          (attrs) =>
          ({ commands }) =>
            commands.insertContent({ type: this.name, attrs }),
      }
    },

    addMenuItems({ menu, buttons }) {
      const pickerUrl = this.options.pickerUrl
      if (!pickerUrl) return
      menu.defineItem({
        name: "libraryImage",
        groups: "nodes",
        button: buttons.material("add_photo_alternate", "Image from the library"),
        command(editor) {
          openLibraryPicker(pickerUrl, (image) => {
            editor
              .chain()
              .focus()
              .insertLibraryImage({
                imageId: String(image.id),
                src: image.src,
                alt: image.alt,
                width: image.width,
                height: image.height,
                caption: image.caption,
                credit: image.credit,
              })
              .run()
          })
        },
      })
    },
  })

  const Embed = Node.create({
    name: "embed",
    group: "block",
    atom: true,
    draggable: true,
    selectable: true,

    addAttributes() {
      return {
        provider: { default: "youtube" },
        src: { default: "" },
        title: { default: "" },
      }
    },

    parseHTML() {
      const fromIframe = (iframe) => {
        const found = embedSource(iframe.getAttribute("src") || "")
        if (!found) return false
        return { ...found, title: iframe.getAttribute("title") || "" }
      }
      return [
        {
          tag: "figure.embed",
          getAttrs: (dom) => {
            const iframe = dom.querySelector("iframe")
            return iframe ? fromIframe(iframe) : false
          },
        },
        { tag: "iframe", getAttrs: fromIframe },
      ]
    },

    renderHTML({ node }) {
      const { provider, src, title } = node.attrs
      return ["figure", { class: "embed", "data-embed": provider }, ["iframe", { src, title }]]
    },

    // In the editor a placeholder stands for the video: no third-party
    // player loads while a story is being written.
    addNodeView() {
      return ({ node }) => {
        const label = node.attrs.provider === "vimeo" ? "Vimeo" : "YouTube"
        const dom = el("figure", { class: "embed-placeholder", "data-embed": node.attrs.provider }, [
          el("span", { class: "material-icons", "aria-hidden": "true", text: "smart_display" }),
          el("span", { text: ` ${label} video: ${node.attrs.title || node.attrs.src}` }),
        ])
        return { dom }
      }
    },

    addCommands() {
      return {
        insertEmbed:
          (attrs) =>
          ({ commands }) =>
            commands.insertContent({ type: this.name, attrs }),
      }
    },

    addMenuItems({ menu, buttons }) {
      menu.defineItem({
        name: "embed",
        groups: "nodes",
        button: buttons.material("smart_display", "Embed a video (YouTube or Vimeo)"),
        command(editor) {
          pe.updateAttrsDialog(
            {
              address: {
                type: "string",
                title: "Video address (YouTube or Vimeo)",
                required: true,
              },
              title: {
                type: "string",
                title: "Title: what the video shows, for screen readers",
                required: true,
              },
            },
            { title: "Embed a video", submitText: "Embed" },
          )(editor, { address: "", title: "" }).then((attrs) => {
            if (!attrs) return
            const found = embedSource(attrs.address)
            if (!found) {
              window.alert(
                "Only YouTube and Vimeo videos can be embedded. Paste the video's address, e.g. https://www.youtube.com/watch?v=…",
              )
              return
            }
            editor.chain().focus().insertEmbed({ ...found, title: attrs.title.trim() }).run()
          })
        },
      })
    },
  })

  return [
    pe.Document,
    pe.Paragraph,
    pe.Text,
    pe.HardBreak,
    pe.Dropcursor,
    pe.Gapcursor,
    pe.History,
    pe.Heading.configure({ levels: config.headingLevels || [2, 3, 4] }),
    pe.Bold,
    pe.Italic,
    pe.Link.configure({ enableTarget: false }),
    pe.BulletList,
    pe.OrderedList,
    pe.ListItem,
    pe.Blockquote,
    pe.HorizontalRule,
    LibraryImage.configure({ pickerUrl: config.pickerUrl }),
    Embed,
    pe.Menu,
  ]
}

function actuallyEmpty(html) {
  return /^<(\w+)(\s[^>]*)?><\/\1>$/i.test(html) ? "" : html
}

async function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null
  const config = JSON.parse(textarea.dataset.bodyEditor)
  const pe = await import(config.editorModule)
  const wrapper = el("div", { class: "prose-editor body-editor" })
  textarea.before(wrapper)
  wrapper.append(textarea)
  const editor = new pe.Editor({
    element: wrapper,
    injectCSS: false, // an inline <style> would break our CSP; editor.css has the rules
    extensions: buildExtensions(pe, config),
    content: textarea.value,
    editorProps: {
      // A function: read again at every redraw, so the story's edition
      // (its direction and language, set on the textarea by the server and
      // by the story form's script) stays on the editable element.
      attributes: () => ({
        role: "textbox",
        "aria-multiline": "true",
        "aria-label": textarea.labels?.[0]?.textContent?.replace(/:$/, "").trim() || "Body",
        class: "body-editor__content",
        dir: textarea.getAttribute("dir") || "auto",
        ...(textarea.getAttribute("lang") ? { lang: textarea.getAttribute("lang") } : {}),
      }),
    },
    onUpdate({ editor }) {
      textarea.value = actuallyEmpty(editor.getHTML())
      textarea.dispatchEvent(new Event("input", { bubbles: true }))
    },
  })
  wrapper.dataset.ready = "true"
  textarea.dispatchEvent(
    new CustomEvent("prose-editor:ready", { detail: { editor, textarea }, bubbles: true }),
  )
  return editor
}

for (const textarea of document.querySelectorAll(SELECTOR)) {
  createEditor(textarea).catch((error) => {
    // The plain textarea stays usable: the body is HTML, cleaned on save.
    console.error("The body editor could not start:", error)
  })
}
