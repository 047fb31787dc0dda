import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** Changing it clears a caught error (the shell passes the location, so navigating recovers). */
  resetKey: string;
  title: string;
  retryLabel: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

/** Keeps a rendering error from blanking the whole app: the page shows it and offers a retry. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(previous: Props) {
    if (previous.resetKey !== this.props.resetKey && this.state.error)
      this.setState({ error: null });
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="state state-error" role="alert" data-testid="page-error">
        <strong>{this.props.title}</strong>
        <span>{this.state.error.message}</span>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          {this.props.retryLabel}
        </button>
      </div>
    );
  }
}
