export { LanguageSwitch } from './components/language-switch';
export { LoginForm } from './components/login-form';
export { PasswordForm } from './components/password-form';
export { ProfileForm } from './components/profile-form';
