/**
 * What the work domain offers the automation engine (registered at module load; see
 * automation/registry.ts): the record type `task`, the actions `create_task` and `notify`, and the
 * built-in rule `work.reminders` (the task reminders and the company's reminder defaults).
 */
import './automation-records';
import './automation-create-task';
import './automation-notify';
import './reminders.rule';
