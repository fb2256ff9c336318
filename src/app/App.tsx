export function App() {
  return (
    <main>
      <h1>AlexNet on WebGPU</h1>
    </main>
  );
}
