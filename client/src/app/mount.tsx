import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import { App } from './App';
import '../styles.css';
// After the panels' own styles: the phone layout rearranges them.
import '../phone.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
