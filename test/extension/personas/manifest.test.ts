// The persona contributions in package.json: both commands under the category, the
// talkingModels.personas setting's schema matching the rules the extension applies (name and
// role lengths, the stances), and the setting restricted in untrusted workspaces like customTones.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ROLE_LENGTH } from '../../../engine/personas/role';
import { STANCES } from '../../../engine/personas/stance';
import { MAX_CUSTOM_TONES, MAX_TONE_NAME_LENGTH, MAX_TONE_PROMPT_LENGTH } from '../../../engine/tones';
import { PERSONA_COMMANDS } from '../../../extension/personas/persona-commands';
import { PERSONAS_KEY } from '../../../extension/personas/persona-settings';

interface Property {
  type?: string;
  maxLength?: number;
  maxItems?: number;
  enum?: string[];
  required?: string[];
  additionalProperties?: boolean;
  items?: Property;
  properties?: Record<string, Property>;
}

const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { commands: { command: string; category?: string }[]; configuration: { properties: Record<string, Property> } };
};

describe('persona contributions', () => {
  it('contributes Import Personas… and Export Personas… under the category', () => {
    for (const id of Object.values(PERSONA_COMMANDS)) {
      expect(manifest.contributes.commands.find((command) => command.command === id)?.category, id).toBe('Talking Models');
    }
  });

  it('describes the personas setting as the extension reads it', () => {
    const setting = manifest.contributes.configuration.properties[`talkingModels.${PERSONAS_KEY}`];
    expect(setting).toMatchObject({ type: 'array', maxItems: MAX_CUSTOM_TONES });
    const entry = setting?.items;
    expect(entry?.required).toEqual(['name', 'tone']);
    expect(entry?.additionalProperties).toBe(false);
    expect(entry?.properties?.name?.maxLength).toBe(MAX_TONE_NAME_LENGTH);
    expect(entry?.properties?.tone?.maxLength).toBe(MAX_TONE_PROMPT_LENGTH);
    expect(entry?.properties?.stance?.enum).toEqual([...STANCES]);
    expect(entry?.properties?.role?.maxLength).toBe(MAX_ROLE_LENGTH);
  });

  it('takes personas only from the user settings in an untrusted folder, as custom tones', () => {
    const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
    expect(restricted).toContain('talkingModels.customTones');
    expect(restricted).toContain(`talkingModels.${PERSONAS_KEY}`);
  });
});
