import { render } from 'preact';
import { readFacts } from '../shared/facts';
import { setMessages } from '../shared/i18n';
import { Popup } from './Popup';

const { pack, messages } = await readFacts();
setMessages(messages);
render(<Popup pack={pack} />, document.getElementById('app')!);
