/** The console's entry: renders the app into the page Parley serves at /console/. */
import { render } from 'preact';
import { App } from './app.tsx';
import './styles.css';
import './posts.css';

render(<App />, document.getElementById('app')!);
