/**
 * The Diagram wrapper alone on a page, for its component test in Chromium (test/web/diagram.test.ts):
 * the test mounts it with props through `window.harness` and reads what onSelect was called with.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import { createRoot } from 'react-dom/client';
import '../../i18n/index.js';
import { Diagram, type Overlay } from '../Diagram.js';
import '../../styles/harness.css';

export interface HarnessProps {
  xml: string;
  markers?: Record<string, string[]>;
  overlays?: Overlay[];
}
export interface Harness {
  mount(p: HarnessProps): void;
  selected: string[];
}

const root = createRoot(document.getElementById('root')!);
const selected: string[] = [];
(window as unknown as { harness: Harness }).harness = {
  mount: (p) => root.render(<Diagram label="Testdiagram" xml={p.xml} markers={p.markers} overlays={p.overlays} onSelect={(id) => selected.push(id)} />),
  selected,
};
