import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete'
import { redo, undo } from '@codemirror/commands'
import { json } from '@codemirror/lang-json'
import { lintGutter, setDiagnostics } from '@codemirror/lint'
import { hoverTooltip, type Tooltip } from '@codemirror/view'
import { basicSetup, EditorView } from 'codemirror'
import { useEffect, useRef, useState } from 'react'

import { bundledSource } from '../app/scenarios'
import { MAX_SCENARIO_BYTES } from '../engine'
import { useView } from '../state/store'
import { updateUserScenario } from '../state/userActions'
import { userScenario } from '../state/userScenarios'
import { loadDraft, saveDraft } from './draft'
import { pathAt, scan, tokenAt } from './jsonPath'
import { docOf, keysAt, valuesAt } from './schemaHelp'
import { check } from './validate'

/** The race as it is: the person's own text, or the bundled file as written. */
function sourceText(id: string | null): string {
  if (id === null) return ''
  return userScenario(id)?.text ?? `${JSON.stringify(bundledSource(id) ?? {}, null, 2)}\n`
}

/** The text to edit: what was typed last for this race, else the race as it is. */
function initialText(id: string | null): string {
  const draft = loadDraft()
  if (draft && (id === null || draft.id === id)) return draft.text
  return sourceText(id)
}

function complete(ctx: CompletionContext): CompletionResult | null {
  const word = ctx.matchBefore(/"?[\w-]*/)
  if (!word || (!ctx.explicit && word.from === word.to)) return null
  const text = ctx.state.doc.toString()
  const { path, onKey } = pathAt(text, ctx.pos)
  let opName: string | undefined
  if (onKey) {
    const opTok = scan(text).find(
      (t) =>
        t.role === 'value' &&
        t.path.length === path.length + 1 &&
        path.every((p, i) => t.path[i] === p) &&
        t.path[path.length] === 'op'
    )
    opName = opTok ? text.slice(opTok.from + 1, opTok.to - 1) : undefined
  }
  const offers = onKey ? keysAt(path, opName) : valuesAt(path)
  if (offers.length === 0) return null
  const closing = text.charAt(ctx.pos) === '"' ? 1 : 0
  return {
    from: word.from,
    to: ctx.pos + closing,
    options: offers.map((o) => ({
      label: `"${o.label}"`,
      info: o.detail || undefined,
      type: o.kind === 'op' ? 'function' : 'property',
      apply: onKey ? `"${o.label}": ` : `"${o.label}"`,
    })),
  }
}

const hover = hoverTooltip((view, pos): Tooltip | null => {
  const text = view.state.doc.toString()
  const t = tokenAt(text, pos)
  if (!t) return null
  const last = t.path[t.path.length - 1]
  const doc =
    t.role === 'key' && typeof last === 'string'
      ? docOf(last, false)
      : last === 'op'
        ? docOf(text.slice(t.from + 1, t.to - 1), true)
        : null
  if (doc === null) return null
  return {
    pos: t.from,
    end: t.to,
    create: () => {
      const dom = document.createElement('div')
      dom.className = 'cm-doc'
      dom.textContent = doc
      return { dom }
    },
  }
})

/**
 * The scenario on screen as JSON, in CodeMirror: the loader's message at the field as you type,
 * the race updated live whenever the text is valid, undo, kept locally, downloaded or loaded.
 */
export default function EditorPanel() {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const [status, setStatus] = useState<{ ok: boolean; text: string }>({ ok: true, text: '' })
  const scenarioId = useView((s) => s.scenarioId)
  const idRef = useRef(scenarioId)

  useEffect(() => {
    if (!host.current) return
    let timer: ReturnType<typeof setTimeout> | null = null
    const validate = (v: EditorView) => {
      const text = v.state.doc.toString()
      const r = check(text)
      saveDraft({ id: r.ok ? r.scenario.id : (idRef.current ?? ''), text })
      if (!r.ok) {
        v.dispatch(
          setDiagnostics(v.state, [{ from: r.from, to: r.to, severity: 'error', message: r.message }])
        )
        setStatus({ ok: false, text: r.message })
        return
      }
      v.dispatch(setDiagnostics(v.state, []))
      idRef.current = r.scenario.id
      setStatus({ ok: true, text: `Valid: ${r.scenario.id}, shown below.` })
      // Opening a bundled race unchanged does not make it the person's own.
      const own = userScenario(r.scenario.id)
      if (own ? own.text !== text : text !== sourceText(r.scenario.id)) updateUserScenario(r.scenario, text)
    }
    const ev = new EditorView({
      parent: host.current,
      doc: initialText(idRef.current),
      extensions: [
        basicSetup,
        json(),
        autocompletion({ override: [complete] }),
        hover,
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': 'Scenario JSON' }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return
          if (timer !== null) clearTimeout(timer)
          timer = setTimeout(() => {
            validate(u.view)
          }, 250)
        }),
      ],
    })
    view.current = ev
    validate(ev)
    return () => {
      if (timer !== null) clearTimeout(timer)
      ev.destroy()
      view.current = null
    }
  }, [])

  const replaceAll = (text: string) => {
    const v = view.current
    if (v) v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text } })
  }
  const download = () => {
    const text = view.current?.state.doc.toString() ?? ''
    const a = document.createElement('a')
    a.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
    a.download = `${idRef.current ?? 'scenario'}.json`
    a.click()
    URL.revokeObjectURL(a.href)
  }
  const load = async (file: File | undefined) => {
    if (!file) return
    if (file.size > MAX_SCENARIO_BYTES) {
      setStatus({ ok: false, text: `${file.name} is larger than ${String(MAX_SCENARIO_BYTES)} bytes.` })
      return
    }
    replaceAll(await file.text())
  }
  return (
    <section className="byo-panel editor-panel" aria-labelledby="editor-title">
      <h2 id="editor-title">Scenario editor</h2>
      <div className="row">
        {/* Named apart from the page's Undo/Redo, which walk the interleaving's changes. */}
        <button type="button" onClick={() => view.current && undo(view.current)}>
          Undo edit
        </button>
        <button type="button" onClick={() => view.current && redo(view.current)}>
          Redo edit
        </button>
        <button type="button" onClick={download}>
          Download
        </button>
        <label className="file-button">
          Load file…
          <input
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              void load(e.target.files?.[0])
              e.target.value = ''
            }}
          />
        </label>
        <span className="hint">Ctrl+Space completes fields and op names; hover a field for its meaning.</span>
      </div>
      <div ref={host} className="cm-host" />
      <p
        className={status.ok ? 'editor-status ok' : 'editor-status byo-error'}
        role={status.ok ? 'status' : 'alert'}
      >
        {status.text}
      </p>
    </section>
  )
}
