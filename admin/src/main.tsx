import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { signedInAs } from './providers/authProvider';

const render = () =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// Opened without a session, the page shows index.html's own sign-in form while these scripts
// load; the console takes the page over once that form has signed in, so nobody signs in twice.
const signIn = window.laporSignIn;
if (signIn) {
  void signIn.then((viewer) => {
    signedInAs(viewer);
    render();
  });
} else {
  render();
}
