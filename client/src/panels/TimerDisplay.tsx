import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { timerRemaining, type TimerState } from '../../../shared/protocol/state';

function format(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A short chime made on the spot (no audio file to load). */
function chime(): void {
  try {
    const audio = new AudioContext();
    for (const [i, frequency] of [880, 660, 880].entries()) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.2, audio.currentTime + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.25 + 0.22);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(audio.currentTime + i * 0.25);
      oscillator.stop(audio.currentTime + i * 0.25 + 0.25);
    }
  } catch {
    // No audio (autoplay policy, no device): the flash still shows.
  }
}

/** The workshop timer: one server clock shown to all, a chime and a flash at the end. */
export function TimerDisplay({ timer, clockOffset }: { timer: TimerState; clockOffset: number }) {
  const { t } = useTranslation();
  const [, setTick] = useState(0);
  const [flash, setFlash] = useState(false);
  const wasRunning = useRef(false);
  useEffect(() => {
    if (!timer.running) return;
    const id = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(id);
  }, [timer.running]);
  const remaining = timerRemaining(timer, Date.now() + clockOffset);
  useEffect(() => {
    if (timer.running && remaining > 0) wasRunning.current = true;
    if (wasRunning.current && timer.running && remaining === 0) {
      wasRunning.current = false;
      chime();
      setFlash(true);
      const id = setTimeout(() => setFlash(false), 3000);
      return () => clearTimeout(id);
    }
  }, [timer.running, remaining]);
  if (!timer.running && timer.remainingMs <= 0 && !flash) return null;
  return (
    <span className={`timer${flash ? ' timer-flash' : ''}${timer.running ? '' : ' timer-paused'}`} role="timer" aria-label={t('control.timer.label')} data-testid="timer" data-remaining={Math.ceil(remaining / 1000)}>
      ⏱ {flash ? t('control.timer.end') : format(remaining)}
    </span>
  );
}
