/** `show logging`: the state of logging and the log buffer (IOS layout), and its JSON form. */
import type { LogView } from './state.js';
import type { LoggingJson } from '../api/schema/system.js';

/** `show logging` as JSON (an empty buffer when the router keeps none). */
export function loggingJson(log: LogView | undefined): LoggingJson {
  return {
    syslog: 'enabled',
    bufferLevel: 'debugging',
    bufferBytes: log?.bufferBytes ?? 0,
    messagesLogged: log?.messagesLogged ?? 0,
    overwritten: log?.overwritten ?? 0,
    lines: [...(log?.lines ?? [])],
  };
}

/** `show logging` text: IOS's header, then `Log Buffer (N bytes):` and the lines. */
export function loggingText(j: LoggingJson): string[] {
  return [
    `Syslog logging: enabled (0 messages dropped, 0 messages rate-limited, 0 flushes, ${j.overwritten} overruns, xml disabled, filtering disabled)`,
    '',
    'No Active Message Discriminator.',
    '',
    '',
    'No Inactive Message Discriminator.',
    '',
    '',
    `    Console logging: level debugging, ${j.messagesLogged} messages logged, xml disabled,`,
    '                     filtering disabled',
    '    Monitor logging: level debugging, 0 messages logged, xml disabled,',
    '                     filtering disabled',
    `    Buffer logging:  level ${j.bufferLevel}, ${j.messagesLogged} messages logged, xml disabled,`,
    '                    filtering disabled',
    '    Exception Logging: size (4096 bytes)',
    '    Count and timestamp logging messages: disabled',
    '    Persistent logging: disabled',
    '',
    'No active filter modules.',
    '',
    `    Trap logging: level informational, ${j.messagesLogged} message lines logged`,
    '        Logging Source-Interface:       VRF Name:',
    '',
    `Log Buffer (${j.bufferBytes} bytes):`,
    '',
    ...j.lines,
  ];
}
