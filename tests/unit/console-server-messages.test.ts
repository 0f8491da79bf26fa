import { localFieldMessage, localRefusal } from '../../admin/src/providers/serverMessages';

// The console shows the server's English field problems in the user's language (admin/src/providers/serverMessages.ts).

test('class-validator lengths and our services’ own length texts map to the length messages with their numbers', () => {
  expect(localFieldMessage('title must be longer than or equal to 5 characters')).toEqual({ key: 'ra.validation.minLength', args: { min: 5 } });
  expect(localFieldMessage('description must be shorter than or equal to 10000 characters')).toEqual({
    key: 'ra.validation.maxLength',
    args: { max: 10000 },
  });
  expect(localFieldMessage('must be at least 10 characters')).toEqual({ key: 'ra.validation.minLength', args: { min: 10 } });
  expect(localFieldMessage('must be at most 2000 characters')).toEqual({ key: 'ra.validation.maxLength', args: { max: 2000 } });
  expect(localFieldMessage('is required')).toEqual({ key: 'ra.validation.required' });
});

test('the formats of the recording form map to the messages its own inputs show', () => {
  expect(localFieldMessage('NIK must be 16 digits').key).toBe('complaint.create.nikFormat');
  expect(localFieldMessage('must be an RT number').key).toBe('validation.rt');
  expect(localFieldMessage('must be an RW number, e.g. 03').key).toBe('validation.rw');
  expect(localFieldMessage('must be a phone number').key).toBe('validation.phone');
  expect(localFieldMessage('reporterEmail must be an email').key).toBe('ra.validation.email');
  expect(localFieldMessage('give at least one way to reach the reporter: phone, e-mail or address').key).toBe('complaint.create.contactRequired');
});

test('a refusal naming a complaint and its status keeps both (the status as an enum label key)', () => {
  expect(localFieldMessage('MGL-2612-00003 is RESPONDED; only complaints being handled go to a desk')).toEqual({
    key: 'validation.server.notHandled',
    args: { code: 'MGL-2612-00003', status: 'enums.ComplaintStatus.RESPONDED' },
  });
});

test('an unknown wording still gets a message in the user’s language, never the English text', () => {
  expect(localFieldMessage('something the console has never heard of')).toEqual({ key: 'validation.server.invalid' });
});

test('refusing to delete one’s own account is said as such, not as a conflict; other refusals keep their code’s message', () => {
  expect(localRefusal('You cannot delete your own account.')).toEqual({ key: 'errors.refusal.ownAccount' });
  expect(localRefusal('The complaint changed since you loaded it (version 4, yours 3); reload and try again.')).toBeNull();
  expect(localRefusal(undefined)).toBeNull();
});
