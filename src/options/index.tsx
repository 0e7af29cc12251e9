import { render } from 'preact';
import { readFacts } from '../shared/facts';
import { setMessages } from '../shared/i18n';
import { Options } from './Options';

const { pack, messages } = await readFacts();
setMessages(messages);
render(<Options pack={pack} />, document.getElementById('app')!);
