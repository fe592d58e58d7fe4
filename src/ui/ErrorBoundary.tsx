import { Component, type ReactNode } from 'react'

/** Whatever goes wrong while rendering a view, the page says so and offers the way back. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  override render() {
    if (this.state.error)
      return (
        <div className="crash" role="alert">
          <h2>This view could not be shown</h2>
          <p>{this.state.error.message}</p>
          <p>
            <a
              href="#/"
              onClick={() => {
                this.setState({ error: null })
              }}
            >
              Back to the list of races
            </a>
          </p>
        </div>
      )
    return this.props.children
  }
}
