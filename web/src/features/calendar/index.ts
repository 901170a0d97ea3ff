export { calendarKeys, useAgenda, useCalendarFeed } from './api/calendar-api';
export { Agenda, type AgendaState } from './components/agenda';
export { type AgendaView, viewRange } from './components/agenda-dates';
export { CalendarSubscriptionCard } from './components/calendar-subscription-card';
