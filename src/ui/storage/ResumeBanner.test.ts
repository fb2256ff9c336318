import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { REFERENCE_CONFIG } from '../../protocol';
import { ResumeBanner } from './ResumeBanner';

function bannerText(contents: 'full' | 'weights', waitingFor: string | null = null): string {
  const html = renderToStaticMarkup(
    createElement(ResumeBanner, {
      checkpoint: { epoch: 2, config: REFERENCE_CONFIG, runName: 'r', savedAt: 0, contents },
      canResume: waitingFor === null,
      waitingFor,
      busy: false,
      onResume: () => undefined,
      onDiscard: () => undefined,
      newRun: null,
    }),
  );
  return html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
}

describe('ResumeBanner', () => {
  // The saved tensors are read and checked only when Resume is pressed (issue 19, case 12).
  it('promises an exact resume only once the saved tensors have been checked', () => {
    expect(bannerText('full')).toContain(
      'Resume checks the saved tensors, then goes on from epoch 3 exactly as if it had never stopped.',
    );
    expect(bannerText('weights')).toContain(
      'Resume checks the saved weights, then goes on from epoch 3 with a fresh optimizer',
    );
  });

  it('says why Resume cannot be pressed yet, and nothing while it can', () => {
    expect(bannerText('full', 'A GPU benchmark is running.')).toContain(
      'as if it had never stopped. A GPU benchmark is running.',
    );
    expect(bannerText('full')).not.toContain('benchmark');
  });
});
