import { registerAction } from '../registry';
import { sendEmailAction, waitAction } from './send-email.action';
import { updateFieldAction } from './update-field.action';

// The engine's own actions, registered at module load like the domains' (registry.ts).
registerAction(sendEmailAction);
registerAction(waitAction);
registerAction(updateFieldAction);
