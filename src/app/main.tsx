import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'

import { parseLink } from '../share/link'
import { useView } from '../state/store'
import { Root } from './Root'
import './app.css'

// How the page was opened (an iframe's src says `view=embed`) is fixed for the page's life.
const opened = parseLink(window.location.hash)
const embedded = opened?.ok === true && opened.link.view === 'embed'
if (embedded) useView.setState({ embed: true })

const root = document.getElementById('root')
if (root)
  createRoot(root).render(
    <StrictMode>
      <Root embedded={embedded} />
    </StrictMode>
  )
