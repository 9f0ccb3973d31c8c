// First: reads the address before the bridge (created when App is imported) takes the token out of it.
import { citizenScreen } from './citizen/screen';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { CitizenApp } from './citizen/CitizenApp';
import './i18n';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>{citizenScreen ? <CitizenApp /> : <App />}</StrictMode>,
);
