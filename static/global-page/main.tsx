import { createRoot } from 'react-dom/client';

// Placeholder until the pages issue: shows which resolver the page will call.
function App() {
  return (
    <main>
      <h1>Lean Portfolio</h1>
      <p>Portfolio Kanban, WSJF, strategy, OKRs and flow — data from the <code>portfolio/board</code> resolver.</p>
    </main>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(<App />);
